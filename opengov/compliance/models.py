from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """A reminder already e-mailed: the same key is never sent twice."""

    key = models.CharField(_("reminder"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    recipients = models.TextField(_("recipients"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject

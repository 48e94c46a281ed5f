"""E-mail backends that never write a recipient's address into a log."""

import re

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

ADDRESS = re.compile(r"[^\s<>\"',;:]+@[^\s<>\"',;:]+")
HIDDEN = "<address hidden>"


class ConsoleBackend(DjangoConsoleBackend):
    """Django's console backend, for a laptop or a first trial, with every e-mail address in
    the headers and body replaced: the console is the server's log, and contributors'
    addresses are personal data that only moderators and the POC team may see."""

    def write_message(self, message):
        text = message.message().as_bytes().decode("utf-8", "replace")
        self.stream.write(ADDRESS.sub(HIDDEN, text) + "\n" + "-" * 79 + "\n")

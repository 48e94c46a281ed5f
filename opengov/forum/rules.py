from opengov.core.predicates import staff_only_app

staff_only_app("forum", "forum", "seat", "meeting", "workinggroup")

from opengov.core.predicates import staff_only_app

staff_only_app("web", "page")

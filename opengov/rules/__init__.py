"""The OGP handbook's rules as plain Python functions (no Django import).

Every date and verdict the platform shows comes from here, each with the rule ID that
justifies it (``registry.py`` lists every rule; docs/rules.md is its catalogue), so that
anyone (an IRM researcher with a JSON file, say) can run the same checks.
"""

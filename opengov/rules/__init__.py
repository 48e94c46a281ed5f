"""The OGP handbook's rules as plain Python functions (no Django import).

Every date and verdict the platform shows comes from here, each with the rule ID of
``handbook/RULES.md`` that justifies it, so that anyone (an IRM researcher with a JSON file,
say) can run the same checks.
"""

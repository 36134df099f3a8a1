"""Writers for command output: bytes and text out of domain values, no rules."""

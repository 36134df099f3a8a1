"""Pages for the four-eyes change of payment details and for the audit trail."""

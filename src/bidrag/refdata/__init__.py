"""Reference data shipped with bidrag (CSV); see README.md here for each file's source."""

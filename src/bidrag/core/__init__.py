"""The pure domain core: no Django. Exact money, identifiers, deadlines, allocation, register."""

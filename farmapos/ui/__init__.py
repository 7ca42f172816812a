"""Qt user interface: the counter and back-office screens over domain services and device interfaces."""

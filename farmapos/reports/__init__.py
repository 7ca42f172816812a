"""Documents for the back office (PDF), written from plain domain report objects."""

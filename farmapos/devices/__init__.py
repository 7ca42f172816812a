"""Device layer: printers, drawers, displays, scanners, labels. Plain objects in, status out."""

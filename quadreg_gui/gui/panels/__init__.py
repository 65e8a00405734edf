"""The plot panels, each in its own module; ``base`` holds what they share."""

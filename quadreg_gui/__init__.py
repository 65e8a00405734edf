"""QuadReg: watch gradient descent fit y = w*x^2 + b, live."""

__version__ = "0.1.0"

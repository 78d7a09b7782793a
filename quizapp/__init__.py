"""quizapp: a terminal trainer for PyTorch interviews."""

__version__ = "0.1.0"

"""Training: the models, the loss, the optimizers and schedules, the epochs, the trainer and its history, and the engine a window drives (here or in a process of its own)."""

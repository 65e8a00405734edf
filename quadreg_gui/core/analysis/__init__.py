"""What QuadReg computes about a run: the Hessian's limits, theory's predictions, the loss landscape, a step explained, races."""

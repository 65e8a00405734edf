"""Files QuadReg reads and writes: data tables, experiments, exports (CSV, portable SVG), NumPy scripts, JSON."""

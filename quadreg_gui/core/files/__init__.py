"""Files QuadReg reads and writes: data tables, experiments, lessons, exports (CSV,
portable SVG), NumPy scripts, JSON."""

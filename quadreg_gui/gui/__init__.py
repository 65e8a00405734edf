"""The Qt front end: widgets over the core, and the training thread."""

"""Files shipped inside the wheel (icons, styles, data sets, translations).

Installed as the package ``quadreg_gui.resources``; read them with
``quadreg_gui.resources_path``.
"""

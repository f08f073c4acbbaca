"""Safety walks (trygghetsvandringar)."""

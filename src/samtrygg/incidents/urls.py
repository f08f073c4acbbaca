app_name = "incidents"

urlpatterns: list = [
    # --- reporting, list, detail, edit, status, map (views/pages.py) ---
    # --- import and export (views/transfer.py) ---
]

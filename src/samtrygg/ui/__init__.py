"""The UI toolkit at the bottom of the user interface: what every app's forms, views and templates share (form
helpers and the date widget, full page or htmx partial, the form and pager partials). It knows no app; the
shell (`samtrygg.web`: the base page, the menu, the start page) sits at the top and knows them all."""

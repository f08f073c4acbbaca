"""Publishing: the lägesbild as a document model (JSON-frozen when adopted) and its renderers — PDF, DOCX and
figures (PNG/SVG) for the web page.

Plain Python: no Django and no samtrygg app (import-linter enforces it); it may use samtrygg.lib. The app that
owns the data builds a `document.Document`, freezes `Document.to_dict()` as JSON, and renders it later with
`pdf.render_pdf`, `docx.render_docx` or `figures.render`.
"""

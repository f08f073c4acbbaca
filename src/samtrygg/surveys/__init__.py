"""Kartläggning: a region's survey of its member municipalities (questions answered Ja/Nej/Vet ej, a number, one
of listed options or free text), each member's answers, and the results as tables, bars, XLSX, PDF and DOCX."""

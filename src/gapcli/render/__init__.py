"""Renderers: each turns models into an object (a Rich renderable, a string); none prints."""

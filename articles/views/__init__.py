"""Views, one module per area: browse, entities, editorial, coverage, errors."""

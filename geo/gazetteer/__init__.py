"""The offline gazetteer: name keys, the GeoNames index, lookup in context, and a geopy Geocoder over it."""

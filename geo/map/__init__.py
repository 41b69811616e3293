"""The map: a compact payload of the incidents and the Leaflet layer that draws it, with its local assets."""

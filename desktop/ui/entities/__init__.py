"""Entity panels of the window: the story's entities, the entity browser and the entity page."""

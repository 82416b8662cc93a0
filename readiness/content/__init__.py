"""The product's content at the bottom of every dependency: the questionnaire (versioned YAML
and its loader) and the tier table. Plain Python; nothing here imports another app."""

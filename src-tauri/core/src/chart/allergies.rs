//! Allergies and intolerances coded against the allergen catalogue, and "no known drug allergies" as a statement.

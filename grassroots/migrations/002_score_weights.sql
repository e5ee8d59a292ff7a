-- Weights of the composite score's groups (Decision 766/QĐ-TTg points), editable by the users.
CREATE TABLE score_weights (
    group_id  VARCHAR PRIMARY KEY,
    weight    DOUBLE NOT NULL CHECK (weight >= 0)
);

INSERT INTO score_weights VALUES
    ('transparency', 18), ('progress', 20), ('digitisation', 22), ('online_service', 12),
    ('online_payment', 10), ('satisfaction', 18);

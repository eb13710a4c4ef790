-- Drug products the practice imported from RxNorm release files (owner: medications::rxnorm).
-- The authored formulary is compiled in, not stored; these rows add to it. A product is
-- keyed by its Charta code ('rx:<RxCUI>'); a later import updates it in place (reference
-- data, not a clinical record: prescriptions keep their own copy of the name).
CREATE TABLE drug_imports (
    id            TEXT PRIMARY KEY,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL REFERENCES users (id),
    source        TEXT NOT NULL,
    products      INTEGER NOT NULL CHECK (products >= 0),
    updated       INTEGER NOT NULL CHECK (updated >= 0),
    ingredients_matched   INTEGER NOT NULL CHECK (ingredients_matched >= 0),
    ingredients_unmatched INTEGER NOT NULL CHECK (ingredients_unmatched >= 0),
    lines         INTEGER NOT NULL CHECK (lines >= 0),
    skipped       INTEGER NOT NULL CHECK (skipped >= 0)   -- suppressed, obsolete or veterinary-only
);
CREATE INDEX drug_imports_by_user ON drug_imports (imported_by);
CREATE TRIGGER drug_imports_are_never_deleted BEFORE DELETE ON drug_imports
BEGIN SELECT RAISE(ABORT, 'drug imports are kept'); END;

CREATE TABLE drug_products (
    code          TEXT PRIMARY KEY,               -- 'rx:<RxCUI>'
    rxcui         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    tty           TEXT NOT NULL,                  -- SCD, SBD, GPCK, BPCK
    product       TEXT NOT NULL,                  -- the Product as JSON
    search_text   TEXT NOT NULL,                  -- folded name, ingredients and brands
    sort_key      TEXT NOT NULL,                  -- the folded name's words: the order hits are listed in
    import_id     TEXT NOT NULL REFERENCES drug_imports (id)
);
CREATE INDEX drug_products_by_import ON drug_products (import_id);
CREATE INDEX drug_products_by_sort_key ON drug_products (sort_key, code);

-- The folded words of each imported product for the prescribing box, searched by prefix as a
-- range (word >= 'amox' AND word < 'amox' || U+10FFFF) (owner: medications::rxnorm). An index
-- derived from drug_products.search_text: a re-import replaces a product's words.
CREATE TABLE drug_product_words (
    word          TEXT NOT NULL,
    code          TEXT NOT NULL REFERENCES drug_products (code),
    PRIMARY KEY (word, code)
) WITHOUT ROWID;
CREATE INDEX drug_product_words_by_code ON drug_product_words (code);

-- Practice favourites: a product with a default sig (owner: medications::favourites).
CREATE TABLE favourites (
    id            TEXT PRIMARY KEY,
    label         TEXT NOT NULL,
    product_code  TEXT NOT NULL,
    sig           TEXT NOT NULL,                  -- the Sig as JSON
    quantity      REAL NOT NULL CHECK (quantity > 0),
    quantity_unit TEXT NOT NULL,
    refills       INTEGER NOT NULL CHECK (refills >= 0),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users (id),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL REFERENCES users (id),
    retired_at    TEXT,
    retired_by    TEXT REFERENCES users (id)
);
CREATE INDEX favourites_by_creator ON favourites (created_by);
CREATE INDEX favourites_by_updater ON favourites (updated_by);
CREATE INDEX favourites_by_retirer ON favourites (retired_by);
CREATE TRIGGER favourites_are_never_deleted BEFORE DELETE ON favourites
BEGIN SELECT RAISE(ABORT, 'favourites are retired, never deleted'); END;

-- The project's class (sets its whole-project time limit), the list it is pushed through and its key-project level.
-- Nullable: a declaration without a list or key level has none. Rows from before take the class the validator gives
-- a declaration that names none: GOVERNMENT_INVESTED under approval (审批制), SOCIAL_GENERAL otherwise (the canonical
-- body is Jackson's compact JSON, so the LIKE finds the approval class on H2 and PostgreSQL alike).
ALTER TABLE hub_declaration ADD COLUMN project_class VARCHAR(24);
ALTER TABLE hub_declaration ADD COLUMN project_list VARCHAR(24);
ALTER TABLE hub_declaration ADD COLUMN key_project VARCHAR(16);
UPDATE hub_declaration SET project_class = CASE WHEN body LIKE '%"approvalClass":"APPROVAL"%'
    THEN 'GOVERNMENT_INVESTED' ELSE 'SOCIAL_GENERAL' END WHERE project_class IS NULL;

-- An implemented review plan linked to a stored publication decision (issue #8, engineer G;
-- docs/control.md "Review and simplification plans"): the decision's id when it was chosen from
-- the decisions stored in the system; NULL for plans not yet implemented and for decisions made
-- outside the system, whose number stays in review_plans.publication_decision as free text.
ALTER TABLE review_plans ADD COLUMN publication_decision_id BIGINT
    REFERENCES publication_decisions (id);

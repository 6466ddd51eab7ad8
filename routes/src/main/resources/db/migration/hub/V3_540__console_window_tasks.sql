-- The window's worklist (console): a task the window has dealt with (told the unit its item list, chased a returned
-- material, told it to collect its results), so it leaves the list. Keyed by declaration: a rejected declaration has no
-- project code. Task: ITEM_LIST_READY, RESULTS_READY, PRE_REVIEW_REJECTED, MATERIALS_RETURNED:<item>:<round>.
CREATE TABLE hub_console_task (
    declaration_id  VARCHAR(64)  NOT NULL,
    task            VARCHAR(120) NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    done_by         VARCHAR(64)  NOT NULL,
    PRIMARY KEY (declaration_id, task)
);

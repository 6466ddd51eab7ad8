-- The project approval system's staging database (前置库), tables of the national data-sharing standard (SPGL_*).
-- Every table: ID row id; a unique business key so a replayed write never adds a row twice; SJYXBS valid flag (1 valid,
-- 0 withdrawn); SJSCZT upload state (0 written, awaiting the province's pickup; 1 uploaded; 2 upload failed, SBYY says
-- why); SJLY origin (HUB = written by the hub, GGXT = written by the project approval system); CJSJ row time.
-- Rows the project approval system writes (SJLY = GGXT) carry HUB_QZZT, the hub's pickup state (0 new, 1 taken,
-- 2 refused: HUB_QZYY says why) and HUB_QZSJ, the time it was taken.
CREATE TABLE SPGL_XMJBXXB (
    ID        VARCHAR(64)  NOT NULL PRIMARY KEY,
    XZQHDM    VARCHAR(12)  NOT NULL,
    XMDM      VARCHAR(32)  NOT NULL,
    XMMC      VARCHAR(200) NOT NULL,
    ZTZE      DECIMAL(18, 4),
    JSDD      VARCHAR(500),
    LXLX      VARCHAR(20),
    JSXZ      VARCHAR(20),
    NKGSJ     VARCHAR(10),
    NJCSJ     VARCHAR(10),
    JSGMJNR   VARCHAR(1000),
    SBRQ      DATE,
    SJYXBS    INTEGER      NOT NULL,
    SJSCZT    INTEGER      NOT NULL,
    SBYY      VARCHAR(500),
    SJLY      VARCHAR(8)   NOT NULL,
    CJSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT UK_XMJBXXB UNIQUE (XMDM)
);

CREATE TABLE SPGL_XMDWXXB (
    ID          VARCHAR(64)  NOT NULL PRIMARY KEY,
    XMDM        VARCHAR(32)  NOT NULL,
    DWTYSHXYDM  VARCHAR(18)  NOT NULL,
    DWMC        VARCHAR(200) NOT NULL,
    LXR         VARCHAR(50),
    LXDH        VARCHAR(20),
    SJYXBS      INTEGER      NOT NULL,
    SJSCZT      INTEGER      NOT NULL,
    SBYY        VARCHAR(500),
    SJLY        VARCHAR(8)   NOT NULL,
    CJSJ        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT UK_XMDWXXB UNIQUE (XMDM, DWTYSHXYDM)
);

-- One row per approval item of a project, written when the department accepts the materials (受理).
CREATE TABLE SPGL_XMSPSXBLXXB (
    ID        VARCHAR(64)  NOT NULL PRIMARY KEY,
    XZQHDM    VARCHAR(12),
    XMDM      VARCHAR(32)  NOT NULL,
    SPSXBM    VARCHAR(64)  NOT NULL,
    SPSXMC    VARCHAR(200) NOT NULL,
    SPJD      VARCHAR(20)  NOT NULL,
    BLBM      VARCHAR(16)  NOT NULL,
    BLSX      INTEGER      NOT NULL,
    SLSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    BLZT      VARCHAR(20)  NOT NULL,
    SJYXBS    INTEGER      NOT NULL,
    SJSCZT    INTEGER      NOT NULL,
    SBYY      VARCHAR(500),
    SJLY      VARCHAR(8)   NOT NULL,
    CJSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT UK_XMSPSXBLXXB UNIQUE (XMDM, SPSXBM)
);

-- Processing detail: one row per event of an item (accepted, returned for correction, resubmitted, decided, and the
-- utility connections' status changes). YWBS is the event's business key.
CREATE TABLE SPGL_XMSPSXBLXXXXB (
    ID        VARCHAR(64)  NOT NULL PRIMARY KEY,
    YWBS      VARCHAR(200) NOT NULL,
    XMDM      VARCHAR(32)  NOT NULL,
    SPSXBM    VARCHAR(64)  NOT NULL,
    BLBM      VARCHAR(32),
    BLZT      VARCHAR(20)  NOT NULL,
    BLYJ      VARCHAR(1000),
    BLSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    SJYXBS    INTEGER      NOT NULL,
    SJSCZT    INTEGER      NOT NULL,
    SBYY      VARCHAR(500),
    SJLY      VARCHAR(8)   NOT NULL,
    CJSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT UK_XMSPSXBLXXXXB UNIQUE (YWBS)
);

-- Approval documents (批复文件): one per item. Written by the hub for a department's decision, or by the project
-- approval system for an item decided there (SJLY = GGXT), which the hub picks up.
CREATE TABLE SPGL_XMSPSXPFWJXXB (
    ID        VARCHAR(64)  NOT NULL PRIMARY KEY,
    XMDM      VARCHAR(32)  NOT NULL,
    SPSXBM    VARCHAR(64)  NOT NULL,
    SPJG      VARCHAR(20)  NOT NULL,
    PFWH      VARCHAR(100),
    PFRQ      DATE         NOT NULL,
    BLYJ      VARCHAR(1000),
    SJYXBS    INTEGER      NOT NULL,
    SJSCZT    INTEGER      NOT NULL,
    SBYY      VARCHAR(500),
    SJLY      VARCHAR(8)   NOT NULL,
    CJSJ      TIMESTAMP WITH TIME ZONE NOT NULL,
    HUB_QZZT  INTEGER,
    HUB_QZYY  VARCHAR(500),
    HUB_QZSJ  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT UK_XMSPSXPFWJXXB UNIQUE (XMDM, SPSXBM)
);
CREATE INDEX IX_XMSPSXPFWJXXB_QZ ON SPGL_XMSPSXPFWJXXB (SJLY, HUB_QZZT);

package cn.approvalbridge.codeassignment;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.codeassignment.AssignCodeResponse.Outcome;
import cn.approvalbridge.codeassignment.AssignmentStore.Assignment;
import cn.approvalbridge.codeassignment.AssignmentStore.DuplicateKeyException;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.ProjectCode;
import cn.approvalbridge.support.StoreDataSource;

/**
 * Assigns GB/T 40058-2021 project codes ({@code YYMM-RRRRRR-DD-TT-NNNNNC}) to declarations, and verifies codes.
 * <p>
 * State lives only in the database, which enforces both promises: one code per declaration (primary key) and no code
 * issued twice (unique constraint). The service never checks-then-inserts under a lock: it inserts and, on a duplicate
 * key, reads again to learn whether another caller won the declaration (answer as a replay) or the random serial was
 * taken (draw again). So any number of instances may run against one database.
 */
@ApplicationScoped
public class CodeAssignmentService {

    /** Random draws that may hit taken serials before the service looks at which serials of the prefix are free. */
    static final int RANDOM_DRAWS = 16;

    static final DateTimeFormatter ASSIGNED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final Logger LOG = Logger.getLogger(CodeAssignmentService.class);

    private final RequestValidator validator;
    private final AssignmentStore store;
    private final SerialSource serials;
    private final Clock clock;

    @Inject
    public CodeAssignmentService(ReferenceData referenceData, StoreDataSource storeDataSource, SerialSource serials,
            Clock clock) {
        this(referenceData, storeDataSource::get, serials, clock);
    }

    /** Outside CDI (unit tests, tools): any DataSource holding the {@code ca_} tables. */
    public CodeAssignmentService(ReferenceData referenceData, Supplier<? extends DataSource> dataSource,
            SerialSource serials, Clock clock) {
        this.validator = new RequestValidator(referenceData);
        this.store = new AssignmentStore(dataSource);
        this.serials = serials;
        this.clock = clock;
    }

    public AssignCodeResponse assign(AssignCodeRequest request) {
        List<FieldError> errors = validator.validate(request);
        if (!errors.isEmpty()) {
            return AssignCodeResponse.rejected(request == null ? null : request.declarationId, errors);
        }
        try {
            Optional<Assignment> existing = store.find(request.declarationId);
            if (existing.isPresent()) {
                return replay(existing.get(), request);
            }
            return assignNew(request);
        } catch (Db.StoreException e) {
            SQLException cause = (SQLException) e.getCause();
            throw new IllegalStateException("The code-assignment store failed (SQLState " + cause.getSQLState() + "): "
                    + cause.getMessage(), cause);
        }
    }

    public VerifyCodeResponse verify(VerifyCodeRequest request) {
        ProjectCode.Verification v = ProjectCode.verify(request == null ? null : request.projectCode, "projectCode");
        return new VerifyCodeResponse(v.valid(), v.format(), v.segments(), v.errors());
    }

    private AssignCodeResponse assignNew(AssignCodeRequest r) {
        OffsetDateTime assignedAt = OffsetDateTime.now(clock).atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime()
                .truncatedTo(ChronoUnit.MILLIS);
        YearMonth month = YearMonth.from(assignedAt);
        String prefix = String.format("%02d%02d-%s-%s-%s", month.getYear() % 100, month.getMonthValue(), r.regionCode,
                r.departmentCode, r.projectTypeCode);
        int taken = 0;
        while (true) {
            int serial;
            if (taken < RANDOM_DRAWS) {
                serial = serials.nextInt(serials.size());
            } else {
                // Many draws hit taken serials: the prefix is filling up. Pick among the free ones, or say it is full.
                BitSet used = store.usedSerials(prefix);
                int free = serials.size() - used.get(0, serials.size()).cardinality();
                if (free <= 0) {
                    LOG.warnf("Prefix %s has no free serials left; declaration %s rejected", prefix, r.declarationId);
                    return AssignCodeResponse.rejected(r.declarationId, List.of(new FieldError("projectCode",
                            ErrorCodes.PREFIX_EXHAUSTED, "all " + serials.size() + " codes of " + prefix
                                    + " are taken this month; the prefix opens again next month (YYMM changes)")));
                }
                serial = nthClear(used, serials.nextInt(free));
            }
            String code = ProjectCode.compose(month, r.regionCode, r.departmentCode, r.projectTypeCode,
                    String.format("%05d", serial));
            Assignment a = new Assignment(r.declarationId, code, r.regionCode, r.departmentCode, r.projectTypeCode,
                    assignedAt);
            try {
                store.insert(a, prefix);
                return new AssignCodeResponse(Outcome.ASSIGNED, r.declarationId, code, format(assignedAt), List.of());
            } catch (DuplicateKeyException e) {
                Optional<Assignment> winner = store.find(r.declarationId);
                if (winner.isPresent()) {
                    // A concurrent caller with the same declarationId inserted first.
                    return replay(winner.get(), r);
                }
                taken++;
            }
        }
    }

    private static int nthClear(BitSet used, int n) {
        int index = used.nextClearBit(0);
        for (int i = 0; i < n; i++) {
            index = used.nextClearBit(index + 1);
        }
        return index;
    }

    private static AssignCodeResponse replay(Assignment a, AssignCodeRequest r) {
        if (a.sameInputs(r)) {
            return new AssignCodeResponse(Outcome.ALREADY_ASSIGNED, a.declarationId(), a.projectCode(),
                    format(a.assignedAt()), List.of());
        }
        return AssignCodeResponse.rejected(r.declarationId, List.of(new FieldError("declarationId",
                ErrorCodes.DECLARATION_CONFLICT, "declaration " + r.declarationId + " already has project code "
                        + a.projectCode() + ", assigned for regionCode " + a.regionCode() + ", departmentCode "
                        + a.departmentCode() + ", projectTypeCode " + a.projectTypeCode()
                        + "; a declaration gets one code: send those inputs, or use a new declarationId")));
    }

    static String format(OffsetDateTime t) {
        return ASSIGNED_AT.format(t.atZoneSameInstant(ChinaTime.ZONE));
    }
}

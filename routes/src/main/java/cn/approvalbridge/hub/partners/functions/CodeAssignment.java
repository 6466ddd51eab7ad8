package cn.approvalbridge.hub.partners.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.prereview.PreReviewSteps;

/**
 * Code assignment for a declaration that passed pre-review: the function's call and reply go back to the flow, which
 * records the code (or the refusal) with both in the trail. A declaration already coded is not called again.
 */
@ApplicationScoped
public class CodeAssignment {

    private static final Logger LOG = Logger.getLogger(CodeAssignment.class);

    @Inject
    PreReviewSteps steps;

    @Inject
    Declarations declarations;

    @Inject
    FunctionsGateway functions;

    @Inject
    ObjectMapper json;

    /** Assigns the code unless it is already in; returns the message for the platform registration and steps 4-7. */
    public String assignCode(String message) throws Exception {
        Declarations.Row row = steps.declaration(message);
        String id = row.declarationId();
        if (row.projectCode() == null) {
            var call = new FunctionsGateway.AssignCodeCall(id, row.regionCode(), row.departmentCode(), row.projectTypeCode());
            var reply = functions.assignCode(call);
            String callJson = json.writeValueAsString(call);
            String replyJson = json.writeValueAsString(reply);
            if (!reply.assigned()) {
                steps.codeAssignmentFailed(id, callJson, replyJson);
                throw new PermanentFailure("code assignment rejected " + id + ": " + reply.errors());
            }
            steps.codeAssigned(id, reply.projectCode(), callJson, replyJson);
            LOG.infof("Declaration %s coded %s", id, reply.projectCode());
        }
        return declarations.ref(id, null);
    }
}

package cn.approvalbridge.hub.platform.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.support.Masking;
import cn.approvalbridge.hub.platform.store.DeadLetters;

/** Operators list dead letters and replay them to the queue they came from. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Callers.OPERATOR)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @GET
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list().stream().map(DeadLetterResource::masked).toList();
    }

    @POST
    @Path("/{id}/replay")
    public DeadLetters.DeadLetter replay(@PathParam("id") String id) {
        return deadLetters.replay(id).map(DeadLetterResource::masked)
                .orElseThrow(() -> new ApiException(404, "id", "not_found", "no dead letter " + id));
    }

    /** Every dead letter of one partner (e.g. department-FGW) not replayed yet, after its fix. */
    @POST
    @Path("/replay")
    public List<DeadLetters.DeadLetter> replayAll(@QueryParam("partner") String partner) {
        if (partner == null || partner.isBlank()) {
            throw new ApiException(400, "partner", "required", "partner: the partner whose dead letters to replay");
        }
        return deadLetters.replayAll(partner).stream().map(DeadLetterResource::masked).toList();
    }

    private static DeadLetters.DeadLetter masked(DeadLetters.DeadLetter d) {
        return new DeadLetters.DeadLetter(d.id(), d.partner(), d.sourceQueue(), d.deadLetterQueue(),
                Masking.maskText(d.body()), Masking.maskText(d.reason()), d.failedAt(), d.replayedAt(), d.replayCount());
    }
}

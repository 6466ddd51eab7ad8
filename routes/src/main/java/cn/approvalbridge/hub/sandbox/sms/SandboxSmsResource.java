package cn.approvalbridge.hub.sandbox.sms;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.notification.SandboxMessage;
import cn.approvalbridge.notification.SandboxSmsProvider;

/** The SMS the sandbox provider of the result-notification function "sent" (sandbox only, 404 otherwise). */
@Path("/sandbox/sms")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSmsResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxSmsProvider sms;

    @GET
    public List<SandboxMessage> sms(@QueryParam("mobile") String mobile) {
        sandbox.require();
        return sms.messages(mobile);
    }
}

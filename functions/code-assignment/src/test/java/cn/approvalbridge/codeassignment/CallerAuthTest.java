package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Only the hub may assign codes over HTTP (issue 12): a stranger cannot squat a declarationId. */
@QuarkusTest
class CallerAuthTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void everyCallButHealthNeedsTheHubsIdentity() throws Exception {
        Http http = new Http(url.getPort());
        String id = "AUTH-" + System.nanoTime();
        String body = "{\"declarationId\":\"" + id + "\",\"regionCode\":\"610113\",\"departmentCode\":\"89\","
                + "\"projectTypeCode\":\"01\"}";
        assertEquals(401, http.status("/assignCode", body, null));
        assertEquals(401, http.status("/assignCode", body, basic("hub", "wrong")));
        assertEquals(401, http.status("/assignCode", body, basic("someone", "sandbox")));
        assertEquals(401, http.status("/verifyCode", "{}", null));
        assertEquals(200, http.get("/q/health/ready"));
        // the refused call squatted nothing: the hub's own call is the first for this declarationId
        assertEquals("ASSIGNED", http.assign(id, "610113", "89", "01").path("outcome").asText());
        // once the hub's password has verified it is taken without bcrypt (on the I/O thread); still only it passes
        assertEquals(200, http.status("/assignCode", body, Http.HUB));
        assertEquals(401, http.status("/assignCode", body, basic("hub", "wrong")));
        assertEquals(401, http.status("/assignCode", body, basic("someone", "sandbox")));
        assertEquals(401, http.status("/assignCode", body, basic("hub", "sandbox ")));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}

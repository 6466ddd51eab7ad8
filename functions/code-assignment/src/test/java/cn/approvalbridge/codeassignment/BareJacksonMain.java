package cn.approvalbridge.codeassignment;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The start-up baseline of bench.sh: a bare JVM that does the same Jackson work as the function's first request
 * (parse payload.json into an AssignCodeRequest, write a response) and exits. JVM start to exit, minus nothing.
 */
public class BareJacksonMain {

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        AssignCodeRequest request = mapper.readValue(Files.readAllBytes(Path.of(args[0])), AssignCodeRequest.class);
        AssignCodeResponse response = new AssignCodeResponse(AssignCodeResponse.Outcome.ASSIGNED, request.declarationId,
                null, null, java.util.List.of());
        System.out.println(mapper.writeValueAsString(response));
    }
}

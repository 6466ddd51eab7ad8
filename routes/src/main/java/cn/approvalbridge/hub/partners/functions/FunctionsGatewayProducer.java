package cn.approvalbridge.hub.partners.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Picks the functions adapter by hub.functions.mode (FUNCTIONS_MODE under cloud): in-process, lambda or http. */
@ApplicationScoped
public class FunctionsGatewayProducer {

    @ConfigProperty(name = "hub.functions.mode")
    String mode;

    @Inject
    Instance<InProcessFunctions> inProcess;

    @Inject
    Instance<LambdaFunctions> lambda;

    @Inject
    Instance<HttpFunctions> http;

    @Produces
    @ApplicationScoped
    FunctionsGateway gateway() {
        return switch (mode) {
            case "in-process" -> inProcess.get();
            case "lambda" -> lambda.get();
            case "http" -> http.get();
            default -> throw new IllegalStateException(
                    "hub.functions.mode (FUNCTIONS_MODE) must be in-process, lambda or http, not '" + mode + "'");
        };
    }
}

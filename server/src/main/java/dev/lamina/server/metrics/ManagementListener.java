package dev.lamina.server.metrics;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Splits one Jetty server's requests by the connector they came in on: the management connector's
 * go to a handler that serves only {@code /metrics}, everything else to the API. So with metrics on
 * a separate address, the API's port does not serve them and the management port serves nothing else.
 */
public final class ManagementListener extends Handler.Abstract {
    private final Connector management;
    private final Handler metrics;
    private final Handler api;

    public ManagementListener(Connector management, Handler metrics, Handler api) {
        this.management = management;
        this.metrics = metrics;
        this.api = api;
        installBean(metrics);
        installBean(api);
    }

    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        metrics.setServer(server);
        api.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler to = request.getConnectionMetaData().getConnector() == management ? metrics : api;
        return to.handle(request, response, callback);
    }
}

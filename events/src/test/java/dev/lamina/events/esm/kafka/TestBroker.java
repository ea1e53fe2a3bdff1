package dev.lamina.events.esm.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft: broker and controller in one server) in this JVM, on free
 * loopback ports and a temporary log directory; started once per test class. It can be stopped
 * and started again on the same ports and data, as a broker that goes down and comes back.
 */
final class TestBroker implements AutoCloseable {

    private final Path dir;
    private final KafkaConfig config;
    private final int port;
    private KafkaRaftServer server;
    private boolean running;
    private Admin admin;

    private TestBroker(Path dir, KafkaConfig config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    static TestBroker start() throws Exception {
        Path dir = Files.createTempDirectory("lamina-kafka-");
        int port = freePort();
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName("CONTROLLER")
                .run();
        TestBroker broker = new TestBroker(dir, config, port);
        broker.up();
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the server (again) and waits until it answers. */
    void up() throws Exception {
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        running = true;
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
        }
        admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }

    /** Stops the server; its data stays for {@link #up}. */
    void down() {
        server.shutdown();
        server.awaitShutdown();
        running = false;
    }

    Admin admin() {
        return admin;
    }

    void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, "0"));
    }

    /** The group's committed offsets (the next offset to read per partition). */
    Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }

    Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        var query = new java.util.HashMap<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
        for (int i = 0; i < partitions; i++) {
            query.put(new TopicPartition(topic, i), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        var result = admin.listOffsets(query).all().get(30, TimeUnit.SECONDS);
        var ends = new java.util.HashMap<TopicPartition, Long>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    @Override
    public void close() throws IOException {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (running) {
            down();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}

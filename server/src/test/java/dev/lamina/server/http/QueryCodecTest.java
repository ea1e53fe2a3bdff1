package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.server.sqs.SqsEndpoints;
import org.junit.jupiter.api.Test;

import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query codec against SQS's real model and its query overlay. */
class QueryCodecTest {
    private static final ServiceModel SQS = SqsEndpoints.model();

    private static NavigableMap<String, String> form(String encoded) {
        NavigableMap<String, String> params = new TreeMap<>();
        FormParams.parse(encoded, params);
        return params;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void sendMessageParametersBecomeTheJsonInputWithTypedValuesAndAttributeMaps() throws Exception {
        ObjectNode input = QueryDecoder.decode(SQS, "SendMessage", form("Action=SendMessage&Version=2012-11-05"
                + "&QueueUrl=http%3A%2F%2F127.0.0.1%3A9070%2F000000000000%2Fq&MessageBody=hello+world%21&DelaySeconds=5"
                + "&MessageAttribute.1.Name=color&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.1.Value.StringValue=blue"
                + "&MessageAttribute.2.Name=raw&MessageAttribute.2.Value.DataType=Binary"
                + "&MessageAttribute.2.Value.BinaryValue=AAEC"
                + "&MessageSystemAttribute.1.Name=AWSTraceHeader&MessageSystemAttribute.1.Value.DataType=String"
                + "&MessageSystemAttribute.1.Value.StringValue=Root%3D1-abc"));
        assertThat(input).isEqualTo(json("{'QueueUrl':'http://127.0.0.1:9070/000000000000/q','MessageBody':'hello world!',"
                + "'DelaySeconds':5,'MessageAttributes':{'color':{'StringValue':'blue','DataType':'String'},"
                + "'raw':{'BinaryValue':'AAEC','DataType':'Binary'}},"
                + "'MessageSystemAttributes':{'AWSTraceHeader':{'StringValue':'Root=1-abc','DataType':'String'}}}"));
    }

    @Test
    void batchEntriesFlattenedListsMapsAndTagsDecode() throws Exception {
        ObjectNode batch = QueryDecoder.decode(SQS, "SendMessageBatch", form("QueueUrl=u"
                + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one"
                + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two"
                + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Name=n"
                + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType=Number"
                + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue=7"
                + "&SendMessageBatchRequestEntry.4.Id=skipped"));
        assertThat(batch).isEqualTo(json("{'QueueUrl':'u','Entries':[{'Id':'a','MessageBody':'one'},"
                + "{'Id':'b','MessageBody':'two','MessageAttributes':{'n':{'StringValue':'7','DataType':'Number'}}}]}"));

        ObjectNode create = QueryDecoder.decode(SQS, "CreateQueue", form("QueueName=q.fifo"
                + "&Attribute.1.Name=FifoQueue&Attribute.1.Value=true&Attribute.2.Name=VisibilityTimeout"
                + "&Attribute.2.Value=60&Tag.1.Key=team&Tag.1.Value=blue"));
        assertThat(create).isEqualTo(json("{'QueueName':'q.fifo','Attributes':{'FifoQueue':'true',"
                + "'VisibilityTimeout':'60'},'tags':{'team':'blue'}}"));

        ObjectNode receive = QueryDecoder.decode(SQS, "ReceiveMessage", form("QueueUrl=u&AttributeName.1=All"
                + "&AttributeName.2=SenderId&MessageAttributeName.1=color&MaxNumberOfMessages=10&WaitTimeSeconds=0"
                + "&MessageSystemAttributeName.1=SentTimestamp"));
        assertThat(receive).isEqualTo(json("{'QueueUrl':'u','AttributeNames':['All','SenderId'],"
                + "'MessageSystemAttributeNames':['SentTimestamp'],'MessageAttributeNames':['color'],"
                + "'MaxNumberOfMessages':10,'WaitTimeSeconds':0}"));

        assertThat(QueryDecoder.decode(SQS, "TagQueue", form("QueueUrl=u&Tag.1.Key=k&Tag.1.Value=v")))
                .isEqualTo(json("{'QueueUrl':'u','Tags':{'k':'v'}}"));
        assertThat(QueryDecoder.decode(SQS, "UntagQueue", form("QueueUrl=u&TagKey.1=k&TagKey.2=l")))
                .isEqualTo(json("{'QueueUrl':'u','TagKeys':['k','l']}"));
        assertThat(QueryDecoder.decode(SQS, "DeleteMessageBatch", form("QueueUrl=u"
                + "&DeleteMessageBatchRequestEntry.1.Id=x&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r%2B%2F")))
                .isEqualTo(json("{'QueueUrl':'u','Entries':[{'Id':'x','ReceiptHandle':'r+/'}]}"));
    }

    @Test
    void stringListValuesAndAnEmptyListDecode() throws Exception {
        ObjectNode input = QueryDecoder.decode(SQS, "SendMessage", form("QueueUrl=u&MessageBody=b"
                + "&MessageAttribute.1.Name=l&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.1.Value.StringListValue.1=x&MessageAttribute.1.Value.StringListValue.2=y"));
        assertThat(input.path("MessageAttributes").path("l").path("StringListValues")).isEqualTo(json("['x','y']"));
        assertThat(QueryDecoder.decode(SQS, "UntagQueue", form("QueueUrl=u&TagKeys=")))
                .isEqualTo(json("{'QueueUrl':'u','TagKeys':[]}"));
    }

    @Test
    void aValueOfTheWrongTypeIsInvalidParameterValue() {
        assertThatThrownBy(() -> QueryDecoder.decode(SQS, "SendMessage", form("QueueUrl=u&MessageBody=b&DelaySeconds=soon")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).contains("DelaySeconds");
                });
    }

    @Test
    void malformedEncodingAndTooManyParametersAreRefused() {
        assertThatThrownBy(() -> form("a=%zz")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedQueryString"));
        String many = "x=1&".repeat(FormParams.MAX_PARAMS + 1);
        StringBuilder distinct = new StringBuilder();
        for (int i = 0; i <= FormParams.MAX_PARAMS; i++) {
            distinct.append("p").append(i).append("=&");
        }
        assertThat(form(many)).hasSize(1);
        assertThatThrownBy(() -> form(distinct.toString())).isInstanceOf(ServiceException.class);
    }

    @Test
    void receiveMessageOutputIsWrittenWithFlattenedMessagesAndAttributes() throws Exception {
        JsonNode output = json("{'Messages':[{'MessageId':'m1','ReceiptHandle':'r<1>','MD5OfBody':'d','Body':'a&b\\r\\n',"
                + "'Attributes':{'SenderId':'000000000000','ApproximateReceiveCount':'1'},"
                + "'MD5OfMessageAttributes':'e','MessageAttributes':{'raw':{'BinaryValue':'AAEC','DataType':'Binary'},"
                + "'l':{'StringListValues':['x','y'],'DataType':'String'}}}],'Unknown':1}");
        String xml = XmlEncoder.response(SQS, "ReceiveMessage", output, "req-1");
        assertThat(xml).isEqualTo("<?xml version=\"1.0\"?><ReceiveMessageResponse"
                + " xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ReceiveMessageResult><Message>"
                + "<MessageId>m1</MessageId><ReceiptHandle>r&lt;1&gt;</ReceiptHandle><MD5OfBody>d</MD5OfBody>"
                + "<Body>a&amp;b&#xD;\n</Body>"
                + "<Attribute><Name>SenderId</Name><Value>000000000000</Value></Attribute>"
                + "<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>"
                + "<MD5OfMessageAttributes>e</MD5OfMessageAttributes>"
                + "<MessageAttribute><Name>raw</Name><Value><BinaryValue>AAEC</BinaryValue><DataType>Binary</DataType>"
                + "</Value></MessageAttribute>"
                + "<MessageAttribute><Name>l</Name><Value><StringListValue>x</StringListValue>"
                + "<StringListValue>y</StringListValue><DataType>String</DataType></Value></MessageAttribute>"
                + "</Message></ReceiveMessageResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</ReceiveMessageResponse>");
    }

    @Test
    void listsBatchResultsAndOutputlessOperationsAreWrittenAsSqsDoes() throws Exception {
        assertThat(XmlEncoder.response(SQS, "ListQueues", json("{'QueueUrls':['u1','u2']}"), "r"))
                .contains("<ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl></ListQueuesResult>");
        assertThat(XmlEncoder.response(SQS, "SendMessageBatch", json("{'Successful':[{'Id':'a','MessageId':'m',"
                + "'MD5OfMessageBody':'d'}],'Failed':[{'Id':'b','SenderFault':true,'Code':'InvalidParameterValue'}]}"), "r"))
                .contains("<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a</Id><MessageId>m</MessageId>"
                        + "<MD5OfMessageBody>d</MD5OfMessageBody></SendMessageBatchResultEntry><BatchResultErrorEntry>"
                        + "<Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>"
                        + "</BatchResultErrorEntry></SendMessageBatchResult>");
        assertThat(XmlEncoder.response(SQS, "GetQueueAttributes", json("{'Attributes':{'VisibilityTimeout':'30'}}"), "r"))
                .contains("<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout</Name><Value>30</Value>"
                        + "</Attribute></GetQueueAttributesResult>");
        assertThat(XmlEncoder.response(SQS, "ListQueueTags", json("{'Tags':{'k':'v'}}"), "r"))
                .contains("<ListQueueTagsResult><Tag><Key>k</Key><Value>v</Value></Tag></ListQueueTagsResult>");
        assertThat(XmlEncoder.response(SQS, "ReceiveMessage", json("{}"), "r"))
                .contains("<ReceiveMessageResult></ReceiveMessageResult>");
        assertThat(XmlEncoder.response(SQS, "DeleteMessage", json("{}"), "r")).isEqualTo("<?xml version=\"1.0\"?>"
                + "<DeleteMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ResponseMetadata>"
                + "<RequestId>r</RequestId></ResponseMetadata></DeleteMessageResponse>");
    }
}

using System.Text;
using System.Text.Json;
using Churn.Experiments.Serving;
using Microsoft.OpenApi;

namespace Churn.Tests.Experiments.Serving;

/// <summary>One input schema: the request validation, the OpenAPI customer schema and the page's form state the same rules.</summary>
public sealed class InputSchemaTests
{
    private static readonly InputSchema Schema = new(new FakeChurnPredictor().Inputs);

    [Fact]
    public void Views_EveryField_SameRequiredBoundsAndCategories()
    {
        var openApi = Schema.ToOpenApi();
        using var form = JsonDocument.Parse(Schema.FormJson());
        var formFields = form.RootElement.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(Schema.Fields.Select(f => f.Name), openApi.Properties!.Keys);
        Assert.Equal(Schema.Fields.Select(f => f.Name), formFields.Select(f => f.GetProperty("name").GetString()));
        foreach (var (field, formField) in Schema.Fields.Zip(formFields))
        {
            var property = (OpenApiSchema)openApi.Properties[field.Name];
            Assert.Equal(field.Required, openApi.Required!.Contains(field.Name));
            Assert.Equal(field.Required, formField.GetProperty("required").GetBoolean());
            Assert.Equal(!field.Required, property.Type!.Value.HasFlag(JsonSchemaType.Null));
            Assert.Equal(field.Minimum?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), property.Minimum);
            Assert.Equal(field.Maximum?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), property.Maximum);
            Assert.Equal(field.Minimum, formField.GetProperty("minimum").ValueKind == JsonValueKind.Null ? null : formField.GetProperty("minimum").GetDouble());
            Assert.Equal(field.Categories, property.Enum?.Select(e => e.GetValue<string>()).ToList());
        }
        Assert.False(openApi.AdditionalPropertiesAllowed);
    }

    [Fact]
    public void Validation_ValueOutsideTheSchema_RejectedWithTheSameRule()
    {
        var reader = new CustomerReader(Schema);
        var below = Assert.Throws<ApiException>(() => reader.ReadSingle(Encoding.UTF8.GetBytes("{\"aon\":-1,\"total_mou\":1,\"total_data_usage\":1}")));
        Assert.Equal("Field 'aon'=-1 is below the minimum 0, days.", below.Message);
        var category = Assert.Throws<ApiException>(() => reader.ReadSingle(Encoding.UTF8.GetBytes("{\"aon\":1,\"total_mou\":1,\"total_data_usage\":1,\"plan\":\"x\"}")));
        Assert.Equal("Field 'plan'=\"x\" is not one of \"prepaid\", \"postpaid\".", category.Message);
        Assert.Equal("postpaid", reader.ReadSingle(Encoding.UTF8.GetBytes("{\"aon\":1,\"total_mou\":1,\"total_data_usage\":1,\"plan\":\"PostPaid\"}"))["plan"].Text);
        Assert.Equal(JsonSerializer.Serialize(Schema.Example().ToJsonString()), JsonSerializer.Serialize("{\"aon\":1000,\"total_mou\":2000,\"total_data_usage\":400,\"plan\":\"prepaid\"}"));
    }
}

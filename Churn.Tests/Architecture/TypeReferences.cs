using System.Reflection;
using System.Reflection.Emit;

namespace Churn.Tests.Architecture;

/// <summary>
/// What each type of a built assembly refers to, read by reflection: its signatures (base type, interfaces,
/// fields, properties, parameters, return types) and its method bodies (every type, method or field token
/// in the IL), so a call buried in a lambda counts too. Also the string literals it loads.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                     BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static TypeReferences()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (value < 0x100) OneByte[value] = code;
            else if ((value & 0xFF00) == 0xFE00) TwoByte[value & 0xFF] = code;
        }
    }

    /// <summary>Every (type, referenced type) pair of <paramref name="types"/>; generic arguments and element types are unwrapped.</summary>
    public static IEnumerable<(Type From, Type To)> Of(IEnumerable<Type> types)
    {
        foreach (var type in types)
            foreach (var to in Referenced(type).SelectMany(Unwrap).Distinct())
                if (to != type) yield return (type, to);
    }

    /// <summary>Every string literal each type's code loads (ldstr).</summary>
    public static IEnumerable<(Type From, string Literal)> Strings(IEnumerable<Type> types)
    {
        foreach (var type in types)
            foreach (var method in Methods(type))
                foreach (var (kind, token) in Tokens(method))
                    if (kind == OperandType.InlineString && TryResolveString(method.Module, token) is { } literal)
                        yield return (type, literal);
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(All)) yield return f.FieldType;
        foreach (var p in type.GetProperties(All)) yield return p.PropertyType;
        foreach (var method in Methods(type))
        {
            foreach (var p in method.GetParameters()) yield return p.ParameterType;
            if (method is MethodInfo m) yield return m.ReturnType;
            foreach (var (kind, token) in Tokens(method))
                if (kind is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
                    foreach (var t in Resolve(method, token))
                        yield return t;
        }
    }

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All));

    private static IEnumerable<Type> Resolve(MethodBase method, int token)
    {
        MemberInfo? member;
        try
        {
            member = method.Module.ResolveMember(token,
                method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            yield break;
        }
        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case MethodInfo m:
                if (m.DeclaringType is { } owner) yield return owner;
                if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                break;
            case { DeclaringType: { } declaring }:
                yield return declaring;
                break;
        }
    }

    private static string? TryResolveString(Module module, int token)
    {
        try { return module.ResolveString(token); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The (operand kind, metadata token) of every token-carrying instruction in the method's IL.</summary>
    private static IEnumerable<(OperandType Kind, int Token)> Tokens(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { il = null; }
        if (il is null) yield break;
        var i = 0;
        while (i < il.Length)
        {
            var code = il[i] == 0xFE ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            switch (code.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineString:
                    yield return (code.OperandType, BitConverter.ToInt32(il, i));
                    i += 4;
                    break;
                default: i += 4; break; // InlineBrTarget, InlineI, ShortInlineR, InlineSig
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        if (!type.IsGenericType) return [type];
        return new[] { type.GetGenericTypeDefinition() }.Concat(type.GetGenericArguments().SelectMany(Unwrap));
    }
}

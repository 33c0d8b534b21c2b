using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ExportJobs.Testing.Architecture;

/// <summary>
/// Reads, from an assembly's IL and metadata (not from its source), which types each of its types refers to: base type,
/// interfaces, fields, method and property signatures, generic constraints, attributes, and every type, field and method
/// token in method bodies. Nested and compiler-generated types (lambdas, async state machines) count for the top-level
/// type that declares them.
/// </summary>
public static class IlTypeReferences
{
    /// <summary>For every top-level type of the assembly at <paramref name="assemblyPath"/>: the full names of the types it refers to.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var owner = TopLevelName(reader, handle);
            if (!result.TryGetValue(owner, out var refs))
            {
                refs = new HashSet<string>(StringComparer.Ordinal);
                result[owner] = refs;
            }

            new TypeScanner(reader, pe, refs).Scan(handle);
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The namespace of a full type name (<c>A.B.C</c> -> <c>A.B</c>).</summary>
    public static string NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? string.Empty : fullName[..dot];
    }

    internal static string TopLevelName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } declaring)
        {
            type = reader.GetTypeDefinition(declaring);
        }

        return FullName(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    internal static string FullName(string ns, string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        name = tick < 0 ? name : name[..tick];
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private sealed class TypeScanner(MetadataReader reader, PEReader pe, HashSet<string> refs) : ISignatureTypeProvider<string, object?>
    {
        public void Scan(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            AddType(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(reader.GetInterfaceImplementation(i).Interface);
            }

            AddAttributes(type.GetCustomAttributes());
            AddGenericParameters(type.GetGenericParameters());
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                AddAttributes(field.GetCustomAttributes());
            }

            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                property.DecodeSignature(this, null);
                AddAttributes(property.GetCustomAttributes());
            }

            foreach (var e in type.GetEvents())
            {
                AddType(reader.GetEventDefinition(e).Type);
            }

            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                method.DecodeSignature(this, null);
                AddAttributes(method.GetCustomAttributes());
                AddGenericParameters(method.GetGenericParameters());
                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        private void ScanBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (var region in body.ExceptionRegions)
            {
                AddType(region.CatchType);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                var opCode = ReadOpCode(ref il);
                switch (OperandSize(opCode))
                {
                    case OperandKind.Token:
                        AddToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandKind.Switch:
                        var count = il.ReadInt32();
                        il.Offset += count * 4;
                        break;
                    case OperandKind.None:
                        break;
                    default:
                        il.Offset += (int)OperandSize(opCode);
                        break;
                }
            }
        }

        private void AddToken(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    AddType(handle);
                    break;
                case HandleKind.FieldDefinition:
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    AddType(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    AddType(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    AddToken(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    AddToken(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        signature.DecodeMethodSignature(this, null);
                    }

                    break;
            }
        }

        private void AddType(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0);
                    break;
                case HandleKind.TypeReference:
                    GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0);
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
            }
        }

        private void AddAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                AddToken(reader.GetCustomAttribute(a).Constructor);
            }
        }

        private void AddGenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var p in parameters)
            {
                foreach (var c in reader.GetGenericParameter(p).GetConstraints())
                {
                    AddType(reader.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        public string GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var name = TopLevelName(metadata, handle);
            refs.Add(name);
            return name;
        }

        public string GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = metadata.GetTypeReference(handle);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                type = metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
            }

            var name = FullName(metadata.GetString(type.Namespace), metadata.GetString(type.Name));
            refs.Add(name);
            return name;
        }

        public string GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetArrayType(string elementType, ArrayShape shape) => elementType;

        public string GetByReferenceType(string elementType) => elementType;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!";

        public string GetGenericTypeParameter(object? genericContext, int index) => "!";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType;

        private static ILOpCode ReadOpCode(ref BlobReader il)
        {
            var b = il.ReadByte();
            return b == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)b;
        }

        private static OperandKind OperandSize(ILOpCode op) => op switch
        {
            ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld
                or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Jmp
                or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Newarr
                or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj or ILOpCode.Stobj or ILOpCode.Cpobj
                or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Ldtoken or ILOpCode.Mkrefany or ILOpCode.Refanyval
                or ILOpCode.Constrained or ILOpCode.Calli => OperandKind.Token,
            ILOpCode.Ldstr => OperandKind.Four,
            ILOpCode.Switch => OperandKind.Switch,
            ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s or ILOpCode.Bgt_s
                or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s
                or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s or ILOpCode.Ldarg_s or ILOpCode.Ldarga_s
                or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s or ILOpCode.Ldc_i4_s
                or ILOpCode.Unaligned => OperandKind.One,
            ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => OperandKind.Two,
            ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt or ILOpCode.Ble
                or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un or ILOpCode.Ble_un or ILOpCode.Blt_un
                or ILOpCode.Leave or ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 => OperandKind.Four,
            ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => OperandKind.Eight,
            _ => OperandKind.None,
        };

        private enum OperandKind
        {
            None = 0,
            One = 1,
            Two = 2,
            Four = 4,
            Eight = 8,
            Token = -1,
            Switch = -2,
        }
    }
}

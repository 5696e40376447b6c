namespace Ktu.Web.Domain;

/// <summary>Where a scheme year stands: prepared by the directorate, then published when the call goes out.</summary>
public enum SchemeStatus
{
    Preparation = 1,
    Published = 2,
}

#!/usr/bin/env python3
"""Builds test/fixtures/user-parts.xlsx with LibreOffice, a writer we did not write.

The workbook carries, in the user's own sheets, what a whole-workbook
library is known to drop: a chart, a pivot table, an image, a comment, a
defined name, data validation and conditional formats. The surgical .xlsx
adapter must leave all of it byte-identical (test/workbook/xlsx-package/).

Needs LibreOffice and its Python bridge (Debian: libreoffice-calc-nogui,
python3-uno). Run from the repository root with the system Python:

    /usr/bin/python3 scripts/make-user-parts-fixture.py

The fixture is committed; rerun this only to rebuild it.
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.awt import Point, Rectangle, Size
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'user-parts.xlsx')
IMAGE = os.path.join(ROOT, 'assets', 'icon-32.png')
PIPE = 'funnel_fixture_%d' % os.getpid()


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    office = subprocess.Popen(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--invisible', '--norestore', '--accept=pipe,name=%s;urp;' % PIPE])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(60):
        try:
            return office, resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % PIPE)
        except Exception:
            time.sleep(0.5)
    office.kill()
    sys.exit('LibreOffice did not start')


def build(ctx):
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    doc = desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))
    sheets = doc.Sheets
    data = sheets.getByIndex(0)
    sheets.getByIndex(0).Name = 'Data'
    sheets.insertNewByName('Summary', 1)
    summary = sheets.getByName('Summary')

    rows = [('Region', 'Product', 'Amount'), ('North', 'Starter', 250), ('South', 'Pro', 900), ('North', 'Pro', 700),
            ('East', 'Starter', 300), ('South', 'Starter', 150), ('East', 'Pro', 1200)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = data.getCellByPosition(c, r)
            if isinstance(value, str):
                cell.String = value
            else:
                cell.Value = value
    data.getCellByPosition(4, 0).String = 'Total'
    data.getCellByPosition(4, 1).Formula = '=SUM(C2:C7)'

    # A chart over the amounts.
    rect = Rectangle(6000, 3000, 10000, 7000)
    ranges = (CellRangeAddress(0, 0, 0, 2, 6),)
    data.Charts.addNewByName('AmountChart', rect, ranges, True, True)

    # A pivot table of the amounts by region on the second sheet.
    descriptor = data.DataPilotTables.createDataPilotDescriptor()
    descriptor.SourceRange = CellRangeAddress(0, 0, 0, 2, 6)
    fields = descriptor.DataPilotFields
    region = fields.getByIndex(0)
    region.Orientation = uno.Enum('com.sun.star.sheet.DataPilotFieldOrientation', 'ROW')
    amount = fields.getByIndex(2)
    amount.Orientation = uno.Enum('com.sun.star.sheet.DataPilotFieldOrientation', 'DATA')
    amount.Function = uno.Enum('com.sun.star.sheet.GeneralFunction', 'SUM')
    summary.DataPilotTables.insertNewByName('AmountByRegion', CellAddress(1, 0, 0), descriptor)

    # An image.
    provider = ctx.ServiceManager.createInstanceWithContext('com.sun.star.graphic.GraphicProvider', ctx)
    graphic = provider.queryGraphic((prop('URL', uno.systemPathToFileUrl(IMAGE)),))
    shape = doc.createInstance('com.sun.star.drawing.GraphicObjectShape')
    shape.Graphic = graphic
    data.DrawPage.add(shape)
    shape.Position = Point(1000, 6000)
    shape.Size = Size(800, 800)

    # A comment.
    data.Annotations.insertNew(CellAddress(0, 2, 2), 'Checked with the customer')

    # A defined name.
    doc.NamedRanges.addNewByName('SalesRange', '$Data.$A$1:$C$7', CellAddress(0, 0, 0), 0)

    # Data validation: whole numbers 0…10000.
    amounts = data.getCellRangeByName('C2:C7')
    validation = amounts.Validation
    validation.Type = uno.Enum('com.sun.star.sheet.ValidationType', 'WHOLE')
    validation.setOperator(uno.Enum('com.sun.star.sheet.ConditionOperator', 'BETWEEN'))
    validation.setFormula1('0')
    validation.setFormula2('10000')
    validation.ShowErrorMessage = True
    amounts.Validation = validation

    # A conditional format: amounts over 500 in the "Good" style.
    conditional = amounts.ConditionalFormat
    conditional.addNew((prop('Operator', uno.Enum('com.sun.star.sheet.ConditionOperator', 'GREATER')), prop('Formula1', '500'), prop('StyleName', 'Good')))
    amounts.ConditionalFormat = conditional

    doc.CurrentController.setActiveSheet(data)
    doc.storeToURL(uno.systemPathToFileUrl(OUT), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    doc.close(True)


def main():
    profile = tempfile.mkdtemp(prefix='lo-fixture-')
    office, ctx = connect(profile)
    try:
        build(ctx)
    finally:
        try:
            ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx).terminate()
        except Exception:
            pass
        office.wait(timeout=60)
    print('wrote', OUT)


if __name__ == '__main__':
    main()
